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
/// <remarks>
/// Deliveries queue without waking the recipients' writers: the caller collects the writers to wake and wakes them
/// once per batch of events (<see cref="Wake"/>), so a writer sends many frames with one socket write.
/// </remarks>
public sealed class LocalDelivery(RoomRegistry rooms, UserDirectory users, ChatMetrics metrics)
{
    /// <summary>
    /// Queues the event for every recipient on this node, adding to <paramref name="toWake"/> each whose writer
    /// must be woken, then lets its origin's replies held behind it go (<see cref="ChatEvent.Ticket"/>). Returns the
    /// recipients whose queue is congested (<see cref="FlowControl"/>), or null.
    /// </summary>
    public List<ChatSession>? Deliver(ChatEvent chatEvent, List<ChatSession> toWake)
    {
        var congested = DeliverToRecipients(chatEvent, toWake);
        if (chatEvent.HoldsPublisher)
        {
            // In stream order, so the last delivery decides whether the publisher's messages may overlap (FlowControl).
            chatEvent.Origin!.SetHeld(congested is not null);
        }

        if (chatEvent.Ticket > 0)
        {
            chatEvent.Origin!.MessageDone(chatEvent.Ticket);
        }

        return congested;
    }

    /// <summary>An event nobody receives: its origin hears why, at the event's place among its replies.</summary>
    public static void Refuse(ChatEvent chatEvent, ChatError error)
    {
        if (chatEvent.Ticket > 0)
        {
            chatEvent.Origin!.MessageDone(chatEvent.Ticket, error);
        }
        else
        {
            chatEvent.Origin?.Send(error);
        }
    }

    private List<ChatSession>? DeliverToRecipients(ChatEvent chatEvent, List<ChatSession> toWake)
    {
        var message = new OutgoingMessage(chatEvent.Event);
        List<ChatSession>? congested = null;
        // One room and no named user needs no set: a room's members are distinct already. With 10,000 users in one
        // room a set per event made a mass disconnect allocate gigabytes (docs/BENCHMARKS.md).
        if (chatEvent.Rooms.Count == 1 && chatEvent.Users.Count == 0)
        {
            if (rooms.TryGet(chatEvent.Rooms[0], out var room))
            {
                var delivered = 0;
                foreach (var member in room.Members)
                {
                    delivered += Send(member, message, chatEvent, toWake, ref congested);
                }

                metrics.Delivered(delivered);
            }

            return congested;
        }

        if (chatEvent.Rooms.Count == 0 && chatEvent.Users.Count == 1)
        {
            if (users.TryGet(chatEvent.Users[0], out var user))
            {
                metrics.Delivered(Send(user, message, chatEvent, toWake, ref congested));
            }

            return congested;
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
            count += Send(recipient, message, chatEvent, toWake, ref congested);
        }

        metrics.Delivered(count);
        return congested;
    }

    /// <summary>Wakes the writers a batch of deliveries left asleep, and empties the list.</summary>
    public static void Wake(List<ChatSession> toWake)
    {
        foreach (var session in toWake)
        {
            session.Wake();
        }

        toWake.Clear();
    }

    /// <summary>Queues the message for one recipient; returns 1 if it did, for the delivery count.</summary>
    private static int Send(
        ChatSession recipient, OutgoingMessage message, ChatEvent chatEvent, List<ChatSession> toWake, ref List<ChatSession>? congested)
    {
        // A sender sees a line it typed again only where its format asks for it (an acknowledgement, a confirmation).
        if (chatEvent.IsEcho && recipient == chatEvent.Origin && !recipient.Format.EchoesOwn(message.Event))
        {
            return 0;
        }

        if (recipient.Queue(message, wake: false))
        {
            toWake.Add(recipient);
        }

        if (recipient.IsCongested)
        {
            (congested ??= []).Add(recipient);
        }

        return 1;
    }
}
