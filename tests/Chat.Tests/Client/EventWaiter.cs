using Chat.Client;
using Chat.Protocol;

namespace Chat.Tests.Client;

/// <summary>Waits, with a timeout and never a sleep, for a client's next event of a given kind.</summary>
public static class EventWaiter
{
    public static async Task<T> ExpectAsync<T>(this ChatClient client, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : ServerEvent
    {
        var seen = new List<ServerEvent>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var serverEvent = await client.Events.ReadAsync(cts.Token);
                seen.Add(serverEvent);
                if (serverEvent is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            throw new TimeoutException($"Expected a {typeof(T).Name}; received:\n{string.Join("\n", seen)}", ex);
        }
    }
}
