using Chat.Handlers.Fronts;
using Chat.Handlers.Hosting;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Events;

/// <summary>
/// Hands an event to its recipients on this node: the members of its rooms and its named users, each once, all
/// sharing one <see cref="OutgoingMessage"/> (encoded once per wire format). Every stream delivers through it.
/// </summary>
public sealed class LocalDelivery(RoomRegistry rooms, UserDirectory users, ChatMetrics metrics)
{
    public void Deliver(ChatEvent chatEvent)
    {
        var message = new OutgoingMessage(chatEvent.Event);
        // One room and no named user needs no set: a room's members are distinct already. With 10,000 users in one
        // room a set per event made a mass disconnect allocate gigabytes (docs/BENCHMARKS.md).
        if (chatEvent.Rooms.Count == 1 && chatEvent.Users.Count == 0)
        {
            if (rooms.TryGet(chatEvent.Rooms[0], out var room))
            {
                var delivered = 0;
                foreach (var member in room.Members)
                {
                    delivered += Send(member, message, chatEvent);
                }

                metrics.Delivered(delivered);
            }

            return;
        }

        var recipients = new HashSet<ChatSession>();
        foreach (var name in chatEvent.Rooms)
        {
            if (rooms.TryGet(name, out var room))
            {
                recipients.UnionWith(room.Members);
            }
        }

        foreach (var name in chatEvent.Users)
        {
            if (users.TryGet(name, out var user))
            {
                recipients.Add(user);
            }
        }

        var count = 0;
        foreach (var recipient in recipients)
        {
            count += Send(recipient, message, chatEvent);
        }

        metrics.Delivered(count);
    }

    /// <summary>Queues the message for one recipient; returns 1 if it did, for the delivery count.</summary>
    private static int Send(ChatSession recipient, OutgoingMessage message, ChatEvent chatEvent)
    {
        // A sender sees a line it typed again only where its format asks for it (an acknowledgement, a confirmation).
        if (chatEvent.IsEcho && recipient == chatEvent.Origin && !recipient.Format.EchoesOwn(message.Event))
        {
            return 0;
        }

        recipient.Send(message);
        return 1;
    }
}
