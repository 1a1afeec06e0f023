using System.Text;
using EnvMonitoring.Cloud.Storage;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>A journal's string field text: backslash and double quote escaped, from text or from UTF-8 a piece at a time.</summary>
public sealed class FieldTextTests
{
    [Fact]
    public void Escapes_backslash_and_double_quote_only()
    {
        Assert.Equal("""{\"note\":\"C:\\probe\",\"ok\":true}""", FieldText.Escape("""{"note":"C:\probe","ok":true}"""));
        Assert.Equal("\\\"\\\"\\\\", FieldText.Escape("\"\"\\"));
    }

    [Fact]
    public void Text_with_nothing_to_escape_is_the_same_string()
    {
        var text = "pH=7.12 COD 45,3 nước thải";
        Assert.Same(text, FieldText.Escape(text));
    }

    [Fact]
    public void UTF8_text_longer_than_a_piece_reads_as_its_whole_text_escaped()
    {
        // Quotes, backslashes and three-byte characters fall on both sides of every 1,024-character piece.
        var text = string.Concat(Enumerable.Range(0, 900).Select(i => $"{{\"trạm\":\"P{i:000}\\x\"}},"));
        var line = new StringBuilder("document=\"");

        FieldText.Append(line, Encoding.UTF8.GetBytes(text)).Append('"');

        Assert.True(text.Length > 10 * 1024);
        Assert.Equal("document=\"" + FieldText.Escape(text) + "\"", line.ToString());
    }
}
