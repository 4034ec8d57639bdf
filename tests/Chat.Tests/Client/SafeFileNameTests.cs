using System.Text;
using Chat.Client;
using Chat.Client.Files;
using Chat.Client.Terminal;
using Chat.Protocol;

namespace Chat.Tests.Client;

/// <summary>Received file names are never paths: sanitising, staying inside the folder, never overwriting; types and sizes.</summary>
public sealed class SafeFileNameTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chat-files-").FullName;

    private string Downloads => Path.Combine(_root, "a", "b", "downloads");

    [Theory]
    [InlineData("cat.png", "cat.png")]
    [InlineData("../../x", "x")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("C:\\Windows\\evil.dll", "evil.dll")]
    [InlineData("..", "file")]
    [InlineData(".", "file")]
    [InlineData("...", "file")]
    [InlineData("", "file")]
    [InlineData("  ", "file")]
    [InlineData("dir/", "file")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("cat.png. . ", "cat.png")]
    [InlineData("what?<is>:this|\"*.png", "whatisthis.png")]
    [InlineData("x\0y\u001b[31m.txt", "xy[31m.txt")]
    [InlineData("invoice\u202Egnp.exe", "invoicegnp.exe")]
    [InlineData("zero\u200Bwidth\u2028line.txt", "zerowidthline.txt")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("Ünïcødé 🐱.png", "Ünïcødé 🐱.png")]
    public void OnlyAPlainFileNameIsLeft(string name, string expected) => Assert.Equal(expected, SafeFileName.Sanitize(name));

    [Fact]
    public void AnEmptyOrMissingNameFallsBackToOneWithTheTypesExtension()
    {
        Assert.Equal("file.png", SafeFileName.Sanitize(null, "image/png"));
        Assert.Equal("file.pdf", SafeFileName.Sanitize("../", "application/pdf"));
        Assert.Equal("file", SafeFileName.Sanitize(null, "application/x-no-such-type"));
    }

    [Fact]
    public void ALongNameIsCutKeepingItsExtensionAndWholeCharacters()
    {
        Assert.Equal(SafeFileName.MaxLength, SafeFileName.Sanitize(new string('a', 300) + ".png").Length);
        Assert.EndsWith(".png", SafeFileName.Sanitize(new string('a', 300) + ".png"));

        var cats = SafeFileName.Sanitize(string.Concat(Enumerable.Repeat("🐱", 100)));
        Assert.True(cats.Length <= SafeFileName.MaxLength);
        Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cats)) == cats, "A surrogate pair was cut.");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("/tmp/x")]
    [InlineData("sub/x")]
    public void APathOutsideTheFolderIsRefused(string name) =>
        Assert.Throws<IOException>(() => SafeFileName.PathInside(Downloads, name));

    [Theory]
    [InlineData("../../x", "x")]
    [InlineData("/tmp/chat-escape-test", "chat-escape-test")]
    [InlineData("..", "file.png")]
    public async Task AHostileNameIsSavedInsideTheFolderAndNowhereElse(string name, string savedAs)
    {
        var path = await SafeFileName.SaveAsync(Downloads, name, "image/png", new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(Downloads, savedAs), path);
        Assert.Equal([path], Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/chat-escape-test"));
    }

    [Fact]
    public async Task AnExistingFileIsNeverOverwritten()
    {
        Directory.CreateDirectory(Downloads);
        await File.WriteAllTextAsync(Path.Combine(Downloads, "cat.png"), "mine", TestContext.Current.CancellationToken);

        var first = await SafeFileName.SaveAsync(Downloads, "cat.png", "image/png", new byte[] { 1 }, TestContext.Current.CancellationToken);
        var second = await SafeFileName.SaveAsync(Downloads, "cat.png", "image/png", new byte[] { 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(Downloads, "cat (1).png"), first);
        Assert.Equal(Path.Combine(Downloads, "cat (2).png"), second);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(Downloads, "cat.png"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ASymbolicLinkWithTheNameIsNeitherFollowedNorReplaced()
    {
        Directory.CreateDirectory(Downloads);
        var outside = Path.Combine(_root, "outside.txt");
        File.CreateSymbolicLink(Path.Combine(Downloads, "x.txt"), outside);

        var path = await SafeFileName.SaveAsync(Downloads, "x.txt", "text/plain", new byte[] { 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(Downloads, "x (1).txt"), path);
        Assert.False(File.Exists(outside));
    }

    [Theory]
    [InlineData("cat.png", "image/png")]
    [InlineData("photo.JPG", "image/jpeg")]
    [InlineData("plan.pdf", "application/pdf")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("data.no-such-extension", "application/octet-stream")]
    [InlineData("noextension", "application/octet-stream")]
    public void TypesComeFromTheExtension(string name, string type) => Assert.Equal(type, ContentTypes.FromFileName(name));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(12_595, "12.3 KB")]
    [InlineData(1024 * 1024 * 3 / 2, "1.5 MB")]
    public void SizesReadLikeTheServersSummaryLine(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

    [Fact]
    public void AReceivedFileIsOneLineWithItsIdAndHowToSaveIt()
    {
        var message = new MessageEvent(1, DateTimeOffset.UtcNow, "alice", "look!", Room: "general")
        {
            ContentType = "image/png", Name = "../cat.png", Data = Convert.ToBase64String(new byte[12_595]), Size = 12_595,
        };

        Assert.Equal("[3] #general <alice> sent cat.png (image/png, 12.3 KB): look! — /save 3", Assert.Single(EventFormatter.Format(message, true, 3)).Text);
        Assert.Equal("*alice -> bob* sent cat.png (image/png, 12.3 KB)", Assert.Single(EventFormatter.Format(message with { Room = null, To = "bob", Text = "" }, true)).Text);
        Assert.Equal(12_595, message.GetPayload()!.Size);
        Assert.Throws<InvalidDataException>(() => (message with { Data = "not*base64" }).GetPayload());
        Assert.Null((message with { Data = null }).GetPayload());
    }

    [Fact]
    public void OptionsMakeRoomForTheLargestPayloadAndCheckThePin()
    {
        var options = new ChatClientOptions("127.0.0.1", 5556, "alice");
        Assert.True(options.MaxLineBytes > options.MaxPayloadBytes * 4 / 3);
        Assert.True((options with { MaxPayloadBytes = 8 << 20 }).MaxLineBytes > (8 << 20) * 4 / 3);
        Assert.Equal(4096, (options with { MaxLineBytes = 4096 }).MaxLineBytes);

        Assert.False(options.UsesTls);
        Assert.True((options with { Pin = new string('a', 64) }).UsesTls);
        Assert.Throws<ArgumentException>(() => (options with { Pin = "12:34" }).Validate());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
