namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// Six local days of a water station reporting every 5 minutes (288 records a day), COD limit 100
/// and pH 5.5–9, with the incidents a compliance report must account for, and their expected counts:
/// <list type="bullet">
/// <item>day 0: COD 50, a calibration window 08:00–09:00 (12 records at 300, excluded);</item>
/// <item>day 1: COD 120, complete → tier 1.1×;</item>
/// <item>day 2: COD 160, a device fault 02:00–05:00 (36 records) → 87.5 % complete, tier 1.5×;</item>
/// <item>day 3: COD 250 with 6 negative (invalid) readings → tier 2×, the worst counted day;</item>
/// <item>day 4: COD 500 until 06:00, then nothing (a data gap of 18 h) → 25 %, not counted;</item>
/// <item>day 5: COD 80, a calibration window 10:00–12:00 (24 records).</item>
/// </list>
/// pH is 7 whenever the station sends.
/// </summary>
internal static class ReportScenario
{
    public const int Days = 6;

    /// <summary>A local midnight (17:00 UTC) ten days ago, so every day is in the past.</summary>
    public static DateTimeOffset FirstDay { get; } = LocalMidnightDaysAgo(10);

    public static DateTimeOffset Day(int n) => FirstDay.AddDays(n);

    public static List<StoredReading> Readings(string station)
    {
        var readings = new List<StoredReading>();
        for (var day = 0; day < Days; day++)
        {
            for (var i = 0; i < 288; i++)
            {
                var time = Day(day).AddMinutes(5 * i);
                var hour = i / 12;
                if (day == 4 && hour >= 6)
                {
                    continue;
                }

                var (cod, status) = day switch
                {
                    0 => hour == 8 ? (300.0, 1) : (50.0, 0),
                    1 => (120.0, 0),
                    2 => hour is >= 2 and < 5 ? (160.0, 2) : (160.0, 0),
                    3 => i is >= 100 and < 106 ? (-2.0, 0) : (250.0, 0),
                    4 => (500.0, 0),
                    _ => hour is 10 or 11 ? (80.0, 1) : (80.0, 0),
                };
                readings.Add(new StoredReading(station, time, "COD", cod, status));
                readings.Add(new StoredReading(station, time, "pH", 7.0));
            }
        }

        return readings;
    }

    private static DateTimeOffset LocalMidnightDaysAgo(int days)
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, TimeSpan.FromHours(7)).AddDays(-days);
    }
}
