namespace Chat.Handlers.Events;

/// <summary>
/// Where a stream that numbers rooms itself continues after a restart. At startup, before the first event is
/// published, history calls <see cref="ContinueAfter"/> with each room's last stored id, so ids are never reused.
/// <see cref="InMemoryEventStream"/> implements it; a backplane that keeps its own ids across restarts (Redis) need
/// not, and then history only checks that the ids it is given come after the ones it has.
/// </summary>
public interface ISequenceSeed
{
    /// <summary>The room's next id is after <paramref name="lastId"/> (and after any id the stream gave already).</summary>
    void ContinueAfter(string room, long lastId);
}
