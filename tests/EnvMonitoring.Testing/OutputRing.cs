using System.Text;

namespace EnvMonitoring.Testing;

/// <summary>
/// Keeps the last lines a child process printed, bounded by a character budget, so a server that
/// logs for minutes cannot grow the test host's memory, yet a failure can still show why.
/// </summary>
internal sealed class OutputRing(int capacityChars)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private int _chars;
    private long _dropped;

    public void Add(string line)
    {
        // Keep a single huge line from evicting everything else, but keep its end: that is
        // where Go panics and mosquitto errors put the reason.
        if (line.Length > capacityChars / 4)
        {
            line = string.Concat("…", line.AsSpan(line.Length - (capacityChars / 4)));
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            _chars += line.Length + 1;
            while (_chars > capacityChars && _lines.Count > 1)
            {
                _chars -= _lines.Dequeue().Length + 1;
                _dropped++;
            }
        }
    }

    public string Tail
    {
        get
        {
            lock (_gate)
            {
                var text = new StringBuilder(_chars + 64);
                if (_dropped > 0)
                {
                    text.Append("… (").Append(_dropped).Append(" earlier lines dropped)\n");
                }

                foreach (var line in _lines)
                {
                    text.Append(line).Append('\n');
                }

                return text.ToString();
            }
        }
    }
}
