using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Chat.Tests.Irc;

/// <summary>
/// A test server for IRC conversations: flood control is raised, because a test's IRC client sends its registration,
/// its commands and a PING after each batch (<see cref="IrcTestServerExtensions.SyncAsync"/>) at once.
/// </summary>
public static class IrcTestServer
{
    public static Task<TestServer> StartAsync(params string[] settings) => StartAsync(null, settings);

    public static Task<TestServer> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings) =>
        TestServer.StartAsync(configure, ["Chat:Limits:MessagesPerSecond=1000", "Chat:Limits:MessageBurst=1000", .. settings]);
}
