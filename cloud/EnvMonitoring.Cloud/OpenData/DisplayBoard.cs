using System.Net;

namespace EnvMonitoring.Cloud.OpenData;

/// <summary>
/// A self-contained page for a factory-gate display board: the latest hourly mean of each
/// parameter with its limit, refreshed every 5 minutes from the open-data JSON. No external resources.
/// </summary>
internal static class DisplayBoard
{
    public static string Html(string station)
    {
        var id = WebUtility.HtmlEncode(station);
        return $$"""
            <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{{id}}</title><style>
            body{margin:0;background:#000;color:#fff;font:28px/1.3 system-ui,sans-serif;padding:24px}
            h1{font-size:36px;margin:0 0 12px}table{width:100%;border-collapse:collapse}td{padding:8px 12px;border-bottom:1px solid #333}
            td.v{text-align:right;font-size:40px;font-weight:700}.ok{color:#5f5}.over{color:#f55}.muted{color:#999;font-size:20px}
            </style></head><body><h1 id="name">{{id}}</h1><div class="muted" id="when">…</div><table id="values"></table>
            <p class="muted">Trung bình giờ của dữ liệu hợp lệ / hourly means of valid data (Nghị định 08/2022/NĐ-CP, Điều 102).</p>
            <script>
            const station = {{System.Text.Json.JsonSerializer.Serialize(station)}};
            async function load() {
              const r = await fetch('hourly');
              if (!r.ok) { document.getElementById('when').textContent = 'HTTP ' + r.status; return; }
              const d = await r.json();
              document.getElementById('name').textContent = d.name;
              const last = d.hours[d.hours.length - 1];
              const t = document.getElementById('values');
              t.replaceChildren();
              if (!last) { document.getElementById('when').textContent = '–'; return; }
              document.getElementById('when').textContent = last.time;
              for (const p of d.parameters) {
                const v = last.means[p.code];
                if (v === undefined) continue;
                const over = (p.limitMax !== null && v > p.limitMax) || (p.limitMin !== null && v < p.limitMin);
                const row = t.insertRow();
                row.insertCell().textContent = p.name + ' (' + p.code + ')';
                const c = row.insertCell(); c.className = 'v ' + (over ? 'over' : 'ok'); c.textContent = v + ' ' + p.unit;
                row.insertCell().textContent = p.limitMax !== null ? (p.limitMin !== null ? p.limitMin + '–' + p.limitMax : '≤ ' + p.limitMax) : '';
              }
            }
            load(); setInterval(load, 300000);
            </script></body></html>
            """;
    }
}
