using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// Every step of every annotation: the <see cref="Journal{T}"/> <c>annotation</c> in the long-term
/// policy (tags park, station and step; the whole step as JSON). Nothing here updates or deletes a
/// step; <see cref="AnnotationBook"/> folds them at start.
/// </summary>
public sealed class AnnotationJournal(InfluxClient influx, LongTermPolicy longTerm, TimeProvider time, ILogger<AnnotationJournal> logger)
    : Journal<AnnotationStep>(influx, longTerm, time, logger)
{
    public const string Name = "annotation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public override string Measurement => Name;

    /// <summary>Every stored step, oldest first.</summary>
    public async Task<List<AnnotationStep>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var steps = new List<AnnotationStep>();
        await foreach (var row in ReadAsync(["time", "json"], null, cancellationToken))
        {
            steps.Add(JsonSerializer.Deserialize<AnnotationStep>(row[1].GetString()!, Json)!);
        }

        return steps;
    }

    protected override DateTimeOffset TimeOf(AnnotationStep entry) => entry.At;

    protected override void AppendTagsAndFields(StringBuilder line, AnnotationStep entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(entry);
        // Park and station are registered identifiers ([A-Za-z0-9_.-]): nothing to escape in tags.
        line.Append(",park=").Append(entry.Park).Append(",station=").Append(entry.Station).Append(",step=").Append(WireName.Of(entry.Kind))
            .Append(" id=\"").Append(FieldText.Escape(entry.Id))
            .Append("\",json=\"").Append(FieldText.Escape(JsonSerializer.Serialize(entry, Json))).Append('"');
    }
}
