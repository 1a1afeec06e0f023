using System.Text;
using System.Text.Json;

namespace EnvMonitoring.Protocol.Tests;

/// <summary>Turns test JSON written as C# text into the UTF-8 payloads the codec reads.</summary>
internal static class Json
{
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A JSON string literal, quotes included, escaped the way System.Text.Json escapes.</summary>
    public static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";
}
