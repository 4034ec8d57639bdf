using Chat.Tests.Infrastructure;

namespace Chat.Tests.Accounts;

/// <summary>Direct message history over real sockets: kept between accounts for their owners alone, across a restart; never with guests.</summary>
public class DirectHistoryTests
{
    private const string Secret = "correct-horse-7";

    [Fact]
    public async Task DirectMessagesBetweenAccountsAreKeptForTheirOwnersOnlyAndNoneWithGuests()
    {
        using var history = new TempDatabase();
        string[] settings =
        [
            .. history.Settings,
            "Chat:Accounts:ConnectionString=" + TestServer.DatabaseConnectionString(Path.Combine(history.DirectoryPath, "accounts.db")),
        ];
        await using (var server = await TestServer.StartAsync(settings))
        {
            await using var alice = await AccountAsync(server, "alice");
            await using var bob = await AccountAsync(server, "bob");
            await using var dave = await AccountAsync(server, "dave");
            await using var carol = await server.ConnectTextAsync("carol");

            await alice.SendAsync("/msg bob hello bob");
            await bob.ExpectAsync("*alice -> bob* hello bob");
            await bob.SendAsync("/msg alice hi alice");
            await alice.ExpectAsync("*bob -> alice* hi alice");
            await carol.SendAsync("/msg alice from a guest");
            await alice.ExpectAsync("*carol -> alice* from a guest");
            await alice.SendAsync("/msg carol to a guest");
            await carol.ExpectAsync("*alice -> carol* to a guest");

            await alice.SendAsync("/history bob");
            await alice.ExpectAsync("*** Earlier with bob (times in UTC):");
            var page = await alice.ReadLinesAsync(3);
            Assert.EndsWith("] *alice -> bob* hello bob", page[0]);
            Assert.EndsWith("] *bob -> alice* hi alice", page[1]);
            Assert.Equal("*** End of earlier messages with bob.", page[2]);

            // Nobody else reads it: a guest has no history, another account only its own.
            await carol.SendAsync("/history alice");
            Assert.Equal("!!! Log in first (/login NAME PASSWORD).", await carol.ExpectAsync("!!!"));
            await dave.SendAsync("/history alice");
            Assert.Equal("*** No earlier messages with alice.", await dave.ExpectAsync("earlier messages"));
            await alice.SendAsync("/history carol");
            Assert.Equal("!!! There is no account named carol.", await alice.ReadLineAsync());
        }

        await using (var server = await TestServer.StartAsync(settings))
        {
            await using var alice = await server.ConnectAsync();
            await alice.SendAsync($"/login alice {Secret}");
            await alice.ExpectAsync("*** alice joined #general");
            await using var bob = await server.ConnectAsync();
            await bob.SendAsync($$"""{"type":"hello","name":"bob","password":"{{Secret}}"}""");
            await bob.ExpectJsonAsync("join");

            await alice.SendAsync("/msg bob after the restart");
            var live = await bob.ExpectJsonAsync("message");
            await bob.SendAsync("""{"type":"history","with":"alice","limit":10}""");
            var page = await bob.ExpectJsonAsync("history");
            Assert.Equal("alice", page.GetProperty("with").GetString());
            Assert.False(page.TryGetProperty("room", out _));
            var messages = page.GetProperty("messages").EnumerateArray().ToArray();
            Assert.Equal(
                [("alice", "bob", "hello bob"), ("bob", "alice", "hi alice"), ("alice", "bob", "after the restart")],
                messages.Select(m => (m.GetProperty("from").GetString(), m.GetProperty("to").GetString(), m.GetProperty("text").GetString())));
            // Ids go on after the restart, as a room's do: the live message had the page's last id.
            var ids = messages.Select(m => m.GetProperty("id").GetInt64()).ToArray();
            Assert.Equal([1L, 2, 3], ids);
            Assert.Equal(3, live.GetProperty("id").GetInt64());
        }
    }

    private static async Task<TestClient> AccountAsync(TestServer server, string name)
    {
        var client = await server.ConnectTextAsync(name);
        await client.SendAsync("/register " + Secret);
        await client.ExpectAsync($"*** The name {name} is now registered to you.");
        return client;
    }
}
