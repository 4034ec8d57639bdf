using System.Collections.Immutable;
using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// What the server has told this client about itself (its name after <c>/nick</c>, its rooms, its current
/// room), kept from the event stream so that a reconnect can register the same name and rejoin the same rooms.
/// </summary>
internal sealed class SessionState(string name)
{
    private volatile Snapshot _current = new(name, [], null);

    public Snapshot Current => _current;

    public void Observe(ServerEvent serverEvent)
    {
        var state = _current;
        _current = serverEvent switch
        {
            WelcomeEvent e => new Snapshot(e.Name, [], e.Room),
            JoinEvent e when state.IsMe(e.Name) => state with { Rooms = [.. state.Rooms.Remove(e.Room, Comparer), e.Room], CurrentRoom = e.Room },
            LeaveEvent e when state.IsMe(e.Name) => Leave(state, e.Room),
            InfoEvent { Room: { } room } when state.Rooms.Contains(room, Comparer) => state with { CurrentRoom = room },
            NickEvent e when state.IsMe(e.OldName) => state with { Name = e.NewName },
            _ => state,
        };
    }

    private static Snapshot Leave(Snapshot state, string room)
    {
        var rooms = state.Rooms.Remove(room, Comparer);
        var current = Comparer.Equals(state.CurrentRoom, room) ? rooms.FirstOrDefault() : state.CurrentRoom;
        return state with { Rooms = rooms, CurrentRoom = current };
    }

    private static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public sealed record Snapshot(string Name, ImmutableArray<string> Rooms, string? CurrentRoom)
    {
        public bool IsMe(string name) => Comparer.Equals(name, Name);

        /// <summary>The commands that bring a fresh session, put in <paramref name="welcomeRoom"/> by the server, back to this state.</summary>
        public IEnumerable<ClientMessage> RestoreCommands(string welcomeRoom)
        {
            string? landed = welcomeRoom;
            foreach (var room in Rooms.Where(r => !Comparer.Equals(r, welcomeRoom)))
            {
                yield return new JoinMessage(room);
                landed = room;
            }

            if (!Rooms.Contains(welcomeRoom, Comparer))
            {
                yield return new LeaveMessage(welcomeRoom);
                landed = Comparer.Equals(landed, welcomeRoom) ? null : landed;
            }

            if (CurrentRoom is not null && !Comparer.Equals(CurrentRoom, landed))
            {
                yield return new SwitchMessage(CurrentRoom);
            }
        }
    }
}
