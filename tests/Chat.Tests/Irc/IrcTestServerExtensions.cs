using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>IRC clients over raw sockets: lines as an IRC client writes and reads them.</summary>
public static class IrcTestServerExtensions
{
    /// <summary>Connects to the IRC port; the server's first NOTICE has been read when this returns.</summary>
    public static async Task<TestClient> ConnectIrcAsync(this TestServer server)
    {
        var client = await TestClient.ConnectAsync(server.IrcPort);
        await client.ExpectAsync("NOTICE * :*** Welcome");
        return client;
    }

    /// <summary>Connects and registers <paramref name="nick"/>, asking for <paramref name="capabilities"/> first if any; the welcome burst has been read.</summary>
    public static async Task<TestClient> ConnectIrcAsync(this TestServer server, string nick, params string[] capabilities)
    {
        var client = await server.ConnectIrcAsync();
        await client.RegisterIrcAsync(nick, capabilities);
        return client;
    }

    public static async Task RegisterIrcAsync(this TestClient client, string nick, params string[] capabilities)
    {
        if (capabilities.Length > 0)
        {
            await client.SendAsync("CAP LS 302");
            await client.SendAsync($"CAP REQ :{string.Join(' ', capabilities)}");
            await client.ExpectAsync(" ACK ");
        }

        await client.SendAsync($"NICK {nick}");
        await client.SendAsync($"USER {nick} 0 * :{nick} the tester");
        if (capabilities.Length > 0)
        {
            await client.SendAsync("CAP END");
        }

        await client.ExpectAsync($" 376 {nick} ");
    }

    /// <summary>Reads until the numeric <paramref name="numeric"/> comes; returns it.</summary>
    public static Task<string> ExpectNumericAsync(this TestClient client, string numeric) =>
        client.ExpectAsync(line => line.Split(' ') is [_, var command, ..] && command == numeric, what: $"numeric {numeric}");

    /// <summary>Sends a PING and reads up to its PONG: every reply to what was sent before has arrived. Returns the lines before it.</summary>
    public static async Task<List<string>> SyncAsync(this TestClient client)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var start = client.Received.Count;
        await client.SendAsync($"PING {token}");
        await client.ExpectAsync($" PONG ChatApp :{token}");
        return client.Received[start..^1];
    }
}
