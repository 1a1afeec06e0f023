using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The seal document's JSON, generated at build time: the web defaults (camelCase names, in the
/// record's order) with every property written. Generated rather than reflected so a host's first
/// seal costs no serializer set-up and no emitted code.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SealDocument))]
internal sealed partial class SealJsonContext : JsonSerializerContext
{
    /// <summary>
    /// How documents are written: as <see cref="Default"/> reads them, with a base64 <c>+</c> left as
    /// it is (the default encoder writes it <c>\u002B</c>, as the first seals have it: 7 % of a
    /// document's bytes). A document's text is ASCII (identifiers, hex, base64, numbers), so nothing
    /// else is escaped either way. Made on first use: <see cref="Default"/> is set by the generated
    /// half of this class, whose static initializers may run after this half's.
    /// </summary>
    public static SealJsonContext Writing => _writing ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static SealJsonContext? _writing;
}
