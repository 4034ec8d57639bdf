using System.Globalization;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests;

/// <summary>The server as people start it: a real process, its command line and its console.</summary>
public class ServerProcessTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task APortInUseIsOneLineNamingTheEndpointTheAddressAndHowToMoveItWithExitCode1()
    {
        await using var first = await TestServer.StartAsync(certificate.Setting);
        using var second = ServerProcess.Start(
            "--chat-port", Port(ServerProcess.FreePort()), "--tls-port", Port(first.TlsPort), "--http-port", Port(ServerProcess.FreePort()),
            "--" + certificate.Setting);

        Assert.Equal(1, await second.WaitForExitAsync());
        var failures = second.Seen.Where(line => line.Contains(" FTL] ", StringComparison.Ordinal) || line.Contains(" ERR] ", StringComparison.Ordinal));
        Assert.Equal(
            [$"Cannot listen on 127.0.0.1:{first.TlsPort} for the ChatTls endpoint: the address is in use (is another server running?). Move it with --tls-port PORT."],
            failures.Select(line => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..]));
        Assert.DoesNotContain(second.Seen, line => line.Contains("Exception", StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecondInstanceStartsOnOtherPortsWithTheShortFormsAndLogsLinesWithoutTrailingSpaces()
    {
        await using var first = await TestServer.StartAsync(certificate.Setting);
        int chat = ServerProcess.FreePort(), tls = ServerProcess.FreePort(), http = ServerProcess.FreePort();
        using var second = ServerProcess.Start("--chat-port", Port(chat), "--tls-port", Port(tls), "--http-port", Port(http), "--" + certificate.Setting);

        await second.ExpectLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), "the started line");
        foreach (var url in new[] { $"http://127.0.0.1:{chat}", $"https://127.0.0.1:{tls}", $"http://127.0.0.1:{http}" })
        {
            Assert.Contains(second.Seen, line => line.EndsWith("Now listening on: " + url, StringComparison.Ordinal));
        }

        await using (var client = await TestClient.ConnectAsync(chat))
        {
            await client.ExpectAsync("Enter your name");
        }

        await using (var client = await TestClient.ConnectTlsAsync(tls, Chat.Protocol.CertificatePinning.CreateCallback(certificate.Fingerprint)))
        {
            await client.ExpectAsync("Enter your name");
        }

        using var health = new HttpClient();
        Assert.Equal("Healthy", await health.GetStringAsync($"http://127.0.0.1:{http}/healthz", TestContext.Current.CancellationToken));

        // Lines with a connection but no user yet, and lines with neither, end where their text ends.
        await second.ExpectLineAsync(line => line.Contains("Disconnected", StringComparison.Ordinal), "a connection's last line");
        Assert.All(second.Seen, line => Assert.False(line.EndsWith(' '), $"Trailing space in '{line}'"));
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
