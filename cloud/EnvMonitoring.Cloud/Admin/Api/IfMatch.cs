using System.Globalization;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// The version a change is based on, from <c>If-Match: "&lt;version&gt;"</c>: every change of an
/// existing item states the version its author read, so two administrators editing the same
/// station cannot overwrite each other unseen.
/// </summary>
internal static class IfMatch
{
    /// <summary>The version stated; null with <paramref name="refusal"/> set (428 when missing, 400 when not a version).</summary>
    public static long? Read(HttpRequest request, out IResult? refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        refusal = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            refusal = TypedResults.Problem(
                "A change must state the version it is based on: send If-Match with the ETag of the item as read (e.g. If-Match: \"3\").",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required");
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        var errors = new FieldErrors();
        errors.Add("If-Match", $"If-Match '{header}' is not the ETag of an item (a quoted version such as \"3\").", $"If-Match '{header}' không phải ETag của một mục (một phiên bản trong ngoặc kép, ví dụ \"3\").");
        refusal = errors.ToProblem("If-Match is not valid");
        return null;
    }
}
