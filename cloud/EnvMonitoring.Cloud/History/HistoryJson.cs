using System.Text.Json;
using EnvMonitoring.Cloud.Series;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// The JSON of <c>GET /api/history</c>, written a page at a time:
/// <c>{"station","window","from","to","functions","parameters":[{"code","unit"}],"points":[…]}</c>;
/// a raw point is <c>{"time","COD":{"value","status"}}</c>, an aggregated one
/// <c>{"start","COD":{"mean","min","max","count"}}</c> with the functions asked (null: no valid reading).
/// </summary>
internal static class HistoryJson
{
    public static void WriteStart(Utf8JsonWriter json, HistoryQuery query)
    {
        json.WriteStartObject();
        json.WriteString("station", query.Station);
        json.WriteString("window", query.Window.Name());
        json.WriteString("from", HistoryCsv.Time(query.From));
        json.WriteString("to", HistoryCsv.Time(query.To));
        json.WriteStartArray("functions");
        foreach (var (name, function) in HistoryFunctionNames.All)
        {
            if (query.Window != HistoryWindow.Raw && query.Functions.HasFlag(function))
            {
                json.WriteStringValue(name);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("parameters");
        foreach (var p in query.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("code", p.Code);
            json.WriteString("unit", p.Unit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("points");
    }

    public static void WriteEnd(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static int WriteRaw(Utf8JsonWriter json, RawPage page)
    {
        var written = 0;
        for (var r = 0; r < page.Rows; r++)
        {
            var started = false;
            for (var p = 0; p < page.Parameters.Count; p++)
            {
                if (!page.Has(r, p))
                {
                    continue;
                }

                if (!started)
                {
                    json.WriteStartObject();
                    json.WriteString("time", HistoryCsv.Time(page.Time(r)));
                    started = true;
                }

                json.WriteStartObject(page.Parameters[p].Code);
                json.WriteNumber("value", page.Value(r, p));
                json.WriteNumber("status", page.Status(r, p));
                json.WriteEndObject();
            }

            if (started)
            {
                json.WriteEndObject();
                written++;
            }
        }

        return written;
    }

    public static void WriteWindow(Utf8JsonWriter json, HistoryQuery query, WindowRow row)
    {
        json.WriteStartObject();
        json.WriteString("start", HistoryCsv.Time(row.Start));
        for (var p = 0; p < query.Parameters.Count; p++)
        {
            var s = row.Stats[p];
            json.WriteStartObject(query.Parameters[p].Code);
            Number(json, "mean", query.Functions.HasFlag(HistoryFunctions.Mean), s.Mean);
            Number(json, "min", query.Functions.HasFlag(HistoryFunctions.Min), s.Minimum);
            Number(json, "max", query.Functions.HasFlag(HistoryFunctions.Max), s.Maximum);
            if (query.Functions.HasFlag(HistoryFunctions.Count))
            {
                json.WriteNumber("count", s.Valid);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, bool asked, double? value)
    {
        if (!asked)
        {
            return;
        }

        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
