using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lyrebird.Sip.Transport.Tests.TestSupport;

/// <summary>An IMeterFactory whose meters are scoped to it, plus a listener summing counter measurements by
/// instrument name and tag set.</summary>
internal sealed class TestMetrics : IMeterFactory
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private readonly List<Meter> _meters = [];

    public TestMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _sums.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
            foreach (var tag in tags)
            {
                var key = $"{instrument.Name}|{tag.Key}={tag.Value}";
                _sums.AddOrUpdate(key, value, (_, v) => v + value);
            }
        });
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        _listener.RecordObservableInstruments();
        return meter;
    }

    /// <summary>Sum of an instrument, optionally only measurements carrying tag <paramref name="tag"/> ("key=value").</summary>
    public long Sum(string instrument, string? tag = null) => _sums.TryGetValue(tag is null ? instrument : $"{instrument}|{tag}", out var v) ? v : 0;

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
