using System.Text;
using Chat.Tests.Infrastructure;

namespace Chat.Tests;

/// <summary>Names and rooms are taken whole or refused, on every command and at the prompt.</summary>
public class NameRulesTests
{
    private const string NameRules = "!!! Names are 1 to 24 letters, digits, '_' or '-'.";
    private const string RoomRules = "!!! Room names are 1 to 32 letters, digits, '_' or '-'.";

    [Fact]
    public async Task CommandsThatTakeANameOrARoomRefuseSeveralWordsRatherThanDropTheRest()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        await alice.ExpectAsync("*** bob joined #general");

        (string Line, string Reply)[] refused =
        [
            ("/nick bad name", NameRules),
            ("/join bad! room", RoomRules),
            // The second word is a room's key; a third has no place.
            ("/join #a b c", "!!! Usage: /join ROOM [KEY]"),
            ("/switch general random", RoomRules),
            ("/who general random", RoomRules),
            ("/msg bad!name hi", NameRules),
        ];
        foreach (var (line, reply) in refused)
        {
            await alice.SendAsync(line);
            Assert.Equal(reply, await alice.ReadLineAsync());
        }

        // Commands whose last argument is free text keep every word of it.
        await alice.SendAsync("/msg bob hello there you");
        Assert.Equal("*alice -> bob* hello there you", await bob.ExpectAsync("*alice -> bob*"));
        await alice.SendAsync("/leave #general gone to lunch");
        Assert.Equal("*** alice left #general (gone to lunch)", await bob.ExpectAsync("*** alice left"));
        await bob.SendAsync("/rooms");
        string?[] rooms = [await bob.ReadLineAsync(), await bob.ReadLineAsync(), await bob.ReadLineAsync()];
        Assert.Equal(["*** Rooms (2):", "***   #general (1)", "***   #random (0)"], rooms.AsEnumerable());
    }

    [Fact]
    public async Task NamesThatImpersonateTheServerAreReserved()
    {
        await using var server = await TestServer.StartAsync("Chat:ServerName=Hub");
        await using var client = await server.ConnectAsync();

        foreach (var name in new[] { "server", "Hub", "ADMIN", "Nick_Serv", "root", "system", "operator", "chanserv" })
        {
            await client.SendAsync(name);
            Assert.Equal($"!!! {name} is a reserved name. Enter another name:", await client.ReadLineAsync());
        }

        await client.SendAsync("serverless");
        await client.ExpectAsync("*** Welcome, serverless!");
        await client.SendAsync("/nick hub");
        Assert.Equal("!!! hub is a reserved name.", await client.ExpectAsync("!!!"));
    }

    [Fact]
    public async Task TheReservedNamesAreConfigurableAndTheServerNameStaysAmongThem()
    {
        await using var server = await TestServer.StartAsync("Chat:ReservedNames:0=moderator");
        await using var client = await server.ConnectAsync();

        await client.SendAsync("moderator");
        Assert.Equal("!!! moderator is a reserved name. Enter another name:", await client.ReadLineAsync());
        await client.SendAsync("chatapp");
        Assert.Equal("!!! chatapp is a reserved name. Enter another name:", await client.ReadLineAsync());
        await client.SendAsync("admin");
        await client.ExpectAsync("*** Welcome, admin!");
    }

    [Fact]
    public async Task ABlankNameGetsTheRulesAndThePromptAgain()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        foreach (var blank in new[] { "", "   \t" })
        {
            await client.SendAsync(blank);
            Assert.Equal(NameRules + " Enter another name:", await client.ReadLineAsync());
        }

        await client.SendAsync("alice");
        await client.ExpectAsync("*** Welcome, alice!");
    }

    [Fact]
    public async Task ALeadingByteOrderMarkIsIgnoredInBothModes()
    {
        await using var server = await TestServer.StartAsync();
        await using var json = await server.ConnectAsync();
        await using var text = await server.ConnectAsync();

        await json.SendRawAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"type":"hello","name":"jason"}""" + "\n")]);
        Assert.Equal("jason", (await json.ExpectJsonAsync("welcome")).GetProperty("name").GetString());
        await text.SendRawAsync([0xEF, 0xBB, 0xBF, .. "tess\n"u8]);
        await text.ExpectAsync("*** Welcome, tess!");
    }
}
