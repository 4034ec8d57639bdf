using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.History;

/// <summary>
/// Brings history back at startup, in <see cref="StartingAsync"/>, which the host runs before any hosted service
/// starts (Kestrel's included), so before the first connection: each room's ids continue after its last stored id
/// (through <see cref="ISequenceSeed"/>, when the event stream numbers rooms itself), and the rooms that exist at start
/// (the configured ones) get their topics back. Other rooms get theirs when someone joins them again
/// (<see cref="ChatHistory.OnJoinAsync"/>): a room is its members, so rooms with history are not listed until then.
/// </summary>
public sealed partial class HistoryRestore(IHistoryStore store, IEventStream events, RoomRegistry rooms, ILogger<HistoryRestore> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var states = await store.LoadRoomsAsync(cancellationToken);
        var seed = events as ISequenceSeed;
        foreach (var state in states)
        {
            seed?.ContinueAfter(state.Room, state.LastId);
            if (state.Topic is { } topic && rooms.TryGet(state.Room, out var room))
            {
                room.RestoreTopic(topic);
            }
        }

        Log.Restored(logger, states.Count, seed is not null);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(814, LogLevel.Information, "History of {Rooms} rooms restored (room ids continued here: {Seeded})")]
        public static partial void Restored(ILogger logger, int rooms, bool seeded);
    }
}
