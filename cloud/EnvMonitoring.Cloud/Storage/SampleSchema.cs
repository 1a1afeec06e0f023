namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// How samples are laid out in InfluxDB (docs/storage.md): one wide point per station sample in
/// measurement <c>sample</c>, tagged by park and station (bounded by the station registry); one
/// float field per parameter code, an integer <c>{code}_status</c> field only where the device status
/// is not 0, and the station's <c>seq</c>. Wide points write 2-3x faster than one value per point
/// on InfluxDB 1.x, and a duplicate sample overwrites the same point.
/// </summary>
internal static class SampleSchema
{
    public const string Measurement = "sample";
    public const string ParkTag = "park";
    public const string StationTag = "station";
    public const string SeqField = "seq";
    public const string StatusSuffix = "_status";

    public static string StatusField(string parameterCode) => parameterCode + StatusSuffix;
}
