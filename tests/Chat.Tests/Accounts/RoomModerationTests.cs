using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Accounts;

/// <summary>Registered rooms over real sockets: owners, operators, kicks, and all of it after a restart.</summary>
public class RoomModerationTests
{
    private const string Secret = "correct-horse-7";

    [Fact]
    public async Task AnOwnerGrantsOperatorsWhoKickAndTheRoomKeepsThemAcrossARestart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-test-{Guid.NewGuid():N}.db");
        var connectionString = "Chat:Accounts:ConnectionString=" + TestServer.DatabaseConnectionString(database);
        try
        {
            await using (var server = await TestServer.StartAsync(connectionString))
            {
                await using var alice = await JoinWithAccountAsync(server, "alice", "dev");
                await using var bob = await JoinWithAccountAsync(server, "bob", "dev");
                await using var carol = await server.ConnectTextAsync("carol");
                await carol.SendAsync("/join dev");
                await carol.ExpectAsync("*** carol joined #dev");
                await alice.ExpectAsync("*** carol joined #dev");

                await carol.SendAsync("/room register");
                Assert.Equal("!!! Log in first (/login NAME PASSWORD).", await carol.ReadLineAsync());
                await alice.SendAsync("/room register");
                Assert.Equal("*** alice registered #dev: alice owns it", await alice.ReadLineAsync());
                Assert.Equal("*** alice registered #dev: alice owns it", await carol.ExpectAsync("registered #dev"));
                await bob.SendAsync("/room register #dev");
                Assert.Equal("!!! #dev is registered already (owner: alice).", await bob.ExpectAsync("!!!"));

                await bob.SendAsync("/kick carol");
                Assert.Equal("!!! You are not an operator of #dev.", await bob.ExpectAsync("!!!"));
                await bob.SendAsync("/op alice");
                Assert.StartsWith("!!! Only the owner of #dev", await bob.ExpectAsync("!!!"));
                await alice.SendAsync("/op nobody");
                Assert.Equal("!!! There is no account named nobody.", await alice.ReadLineAsync());
                await alice.SendAsync("/op bob");
                Assert.Equal("*** alice made bob an operator of #dev", await alice.ReadLineAsync());
                await alice.SendAsync("/who");
                Assert.Equal("*** #dev (3): @alice, @bob, carol", await alice.ReadLineAsync());

                await bob.SendAsync("/kick carol spamming");
                Assert.Equal("*** bob kicked carol from #dev (spamming)", await carol.ExpectAsync("kicked"));
                Assert.Equal("*** You are now talking in #general.", await carol.ReadLineAsync());
                Assert.Equal("*** bob kicked carol from #dev (spamming)", await alice.ExpectAsync("kicked"));
                await alice.SendAsync("/who");
                Assert.Equal("*** #dev (2): @alice, @bob", await alice.ReadLineAsync());
                await bob.SendAsync("/kick carol");
                Assert.Equal("!!! There is no user named carol.", await bob.ExpectAsync("!!!"));
            }

            await using (var server = await TestServer.StartAsync(connectionString))
            {
                await using var bob = await server.ConnectAsync();
                await bob.SendAsync("""{"type":"hello","name":"bob","password":"correct-horse-7"}""");
                await bob.SendAsync("""{"type":"join","room":"dev"}""");
                await bob.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "dev");
                await bob.SendAsync("""{"type":"who"}""");
                var who = await bob.ExpectJsonAsync("who");
                Assert.Equal(["bob"], who.GetProperty("operators").EnumerateArray().Select(e => e.GetString()));

                await using var alice = await server.ConnectAsync();
                await alice.SendAsync("/login alice " + Secret);
                await alice.SendAsync("/join dev");
                await bob.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "alice");
                await bob.SendAsync("""{"type":"deop","name":"bob"}""");
                Assert.Equal(ErrorCodes.NotOwner, (await bob.ExpectJsonAsync("error")).GetProperty("code").GetString());
                await alice.SendAsync("/deop bob");
                var mode = await bob.ExpectJsonAsync("mode");
                Assert.Equal(RoomModes.Deop, mode.GetProperty("mode").GetString());
                await bob.SendAsync("""{"type":"kick","name":"alice"}""");
                Assert.Equal(ErrorCodes.NotOperator, (await bob.ExpectJsonAsync("error")).GetProperty("code").GetString());
            }
        }
        finally
        {
            File.Delete(database);
        }
    }

    private static async Task<TestClient> JoinWithAccountAsync(TestServer server, string name, string room)
    {
        var client = await server.ConnectTextAsync(name);
        await client.SendAsync("/register " + Secret);
        await client.ExpectAsync("is now registered to you");
        await client.SendAsync("/join " + room);
        await client.ExpectAsync($"*** {name} joined #{room}");
        return client;
    }
}
