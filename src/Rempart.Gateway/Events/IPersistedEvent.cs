namespace Rempart.Gateway.Events;

/// <summary>An event the <see cref="SecurityEventRecorder"/> stores as it is (serialized whole), so the events API shows it after restarts.</summary>
public interface IPersistedEvent
{
    /// <summary>The client address the event is about, for the events table's client_ip column.</summary>
    string? Subject { get; }
}
