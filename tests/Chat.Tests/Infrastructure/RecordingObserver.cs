using Chat.Handlers.Events;

namespace Chat.Tests.Infrastructure;

/// <summary>An event stream observer that keeps every event it sees, in order.</summary>
public sealed class RecordingObserver : IEventObserver
{
    private readonly List<ChatEvent> _events = [];

    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask OnEventAsync(ChatEvent chatEvent)
    {
        lock (_events)
        {
            _events.Add(chatEvent);
        }

        return ValueTask.CompletedTask;
    }
}
