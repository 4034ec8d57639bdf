using System.Globalization;
using System.Net;
using Chat.Handlers.Hosting;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests;

public class ConnectionLimitTests
{
    [Fact]
    public async Task ConnectionsOverThePerIpLimitAreRefusedWithAReason()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=3");
        var admitted = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            admitted.Add(await server.ConnectAsync());
        }

        await using (var refused = await TestClient.ConnectAsync(server.ChatPort))
        {
            Assert.Equal(
                ["!!! Too many connections from 127.0.0.1 (at most 3); close one and try again."],
                await refused.ExpectClosedAsync());
        }

        // A place is free again once a connection has ended.
        await admitted[0].SendAsync("/quit");
        await admitted[0].ExpectClosedAsync();
        admitted.Add(await server.ConnectAsync());
        foreach (var client in admitted)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectionsOverTheTotalLimitAreRefusedWithAReasonAndKestrelKeepsAHardLimit()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnections=2");
        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();

        await using var refused = await TestClient.ConnectAsync(server.ChatPort);
        Assert.Equal(["!!! The server is full (2 connections); try again later."], await refused.ExpectClosedAsync());
        Assert.Equal(2, server.Services.GetRequiredService<ConnectionLimiter>().ActiveConnections);
        Assert.Equal(4, server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentConnections);
    }

    [Fact]
    public async Task ChatSocketsHaveTcpKeepAliveWithTheConfiguredIdleTime()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads the kernel's socket table from /proc/net/tcp.");
        await using var server = await TestServer.StartAsync("Chat:Limits:TcpKeepAliveTime=00:00:07");
        await using var client = await server.ConnectAsync();
        // A line the server ignores: it carries the ACK of the greeting and needs no answer, so the socket goes idle.
        await client.SendAsync("");
        var clientPort = ((IPEndPoint)client.Socket.LocalEndPoint!).Port;

        // Timer 2 is the keepalive timer; its expiry is in clock ticks (USER_HZ, 100 a second).
        string[]? entry = null;
        await Eventually.TrueAsync(() =>
        {
            entry = File.ReadLines("/proc/net/tcp").Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .FirstOrDefault(fields => Port(fields[1]) == server.ChatPort && Port(fields[2]) == clientPort);
            return entry is not null && entry[5].StartsWith("02:", StringComparison.Ordinal);
        }, "the server's socket has a keepalive timer", TimeSpan.FromSeconds(5));
        Assert.InRange(int.Parse(entry![5][3..], NumberStyles.HexNumber, CultureInfo.InvariantCulture), 1, 700);

        static int Port(string address) => int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
