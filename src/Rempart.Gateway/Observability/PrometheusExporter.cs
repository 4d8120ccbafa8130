using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Rempart.Gateway.Observability;

/// <summary>
/// Aggregates this gateway's instruments and renders them in the Prometheus text format (0.0.4).
/// Hand-written rather than OpenTelemetry's exporter because that exporter is still a beta and
/// listens process-wide: we listen only to meters from our own <see cref="IMeterFactory"/>, so two
/// gateways in one process (as in tests) keep separate figures. See docs/observability.md.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _aggregates = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory)
            {
                var aggregate = _aggregates.GetOrAdd(instrument, i => new InstrumentAggregate(i, SecondsBuckets));
                listener.EnableMeasurementEvents(instrument, aggregate);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string Render()
    {
        foreach (var aggregate in _aggregates.Values.Where(a => a.IsObservable))
        {
            aggregate.Clear();
        }

        _listener.RecordObservableInstruments();
        var sb = new StringBuilder(4096);
        foreach (var aggregate in _aggregates.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            aggregate.Render(sb);
        }

        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private sealed class InstrumentAggregate(Instrument instrument, double[] buckets)
    {
        private readonly ConcurrentDictionary<TagSet, Cell> _cells = new();
        private readonly bool _isHistogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
        private readonly bool _isCounter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
            || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

        public bool IsObservable => instrument.IsObservable;

        public string Name { get; } = instrument.Name + (instrument.GetType().Name.Contains("Counter", StringComparison.Ordinal) && !instrument.GetType().Name.Contains("UpDown", StringComparison.Ordinal) ? "_total" : "");

        public void Clear() => _cells.Clear();

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = new TagSet(tags);
            if (!_cells.TryGetValue(key, out var cell))
            {
                cell = _cells.GetOrAdd(key, _ => new Cell(_isHistogram ? buckets.Length : 0));
            }

            lock (cell)
            {
                if (_isHistogram)
                {
                    var i = 0;
                    while (i < buckets.Length && value > buckets[i])
                    {
                        i++;
                    }

                    if (i < buckets.Length)
                    {
                        cell.Buckets[i]++;
                    }

                    cell.Count++;
                    cell.Sum += value;
                }
                else if (_isCounter || instrument.GetType().Name.Contains("UpDown", StringComparison.Ordinal))
                {
                    cell.Sum += value;
                }
                else
                {
                    cell.Sum = value; // gauge: last value wins
                }
            }
        }

        public void Render(StringBuilder sb)
        {
            if (_cells.IsEmpty)
            {
                return;
            }

            var type = _isHistogram ? "histogram" : _isCounter ? "counter" : "gauge";
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                sb.Append("# HELP ").Append(Name).Append(' ').Append(instrument.Description).Append('\n');
            }

            sb.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (tags, cell) in _cells.OrderBy(c => Labels(c.Key, null), StringComparer.Ordinal))
            {
                lock (cell)
                {
                    if (!_isHistogram)
                    {
                        sb.Append(Name).Append(Labels(tags, null)).Append(' ').Append(Format(cell.Sum)).Append('\n');
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < buckets.Length; i++)
                    {
                        cumulative += cell.Buckets[i];
                        sb.Append(instrument.Name).Append("_bucket").Append(Labels(tags, Format(buckets[i]))).Append(' ').Append(cumulative).Append('\n');
                    }

                    sb.Append(instrument.Name).Append("_bucket").Append(Labels(tags, "+Inf")).Append(' ').Append(cell.Count).Append('\n');
                    sb.Append(instrument.Name).Append("_sum").Append(Labels(tags, null)).Append(' ').Append(Format(cell.Sum)).Append('\n');
                    sb.Append(instrument.Name).Append("_count").Append(Labels(tags, null)).Append(' ').Append(cell.Count).Append('\n');
                }
            }
        }

        private static string Labels(TagSet tags, string? le)
        {
            if (tags.Count == 0 && le is null)
            {
                return "";
            }

            var sb = new StringBuilder("{");
            for (var i = 0; i < tags.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(tags[i].Key).Append("=\"").Append(Escape(Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }

            if (le is not null)
            {
                sb.Append(tags.Count > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            }

            return sb.Append('}').ToString();
        }

        private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    private sealed class Cell(int buckets)
    {
        public readonly long[] Buckets = new long[buckets];
        public long Count;
        public double Sum;
    }
}
