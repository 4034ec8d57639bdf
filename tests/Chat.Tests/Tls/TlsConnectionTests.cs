using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Chat.Handlers.Hosting;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Tls;

/// <summary>What TLS peers get from the connection limits and at the close.</summary>
public class TlsConnectionTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task FortySilentTlsSocketsFromOneAddressStayWithinThePerIpLimitAndLockOutNobodyElse()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting, "Chat:Limits:MaxConnections=20", "Chat:Limits:MaxConnectionsPerIp=10");
        var limiter = server.Services.GetRequiredService<ConnectionLimiter>();
        var silent = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var socket = new TcpClient();
                silent.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, server.TlsPort, TestContext.Current.CancellationToken);
            }

            // Counted from the accept, before any handshake: ten of them hold 127.0.0.1's share, and no more.
            await Eventually.TrueAsync(() => limiter.ActiveConnections == 10, "ten silent sockets are counted");

            await using var tess = await TestClient.ConnectTlsAsync(
                server.TlsPort, CertificatePinning.CreateCallback(certificate.Fingerprint), from: IPAddress.Parse("127.0.0.2"));
            await tess.ExpectAsync("Enter your name");
            await tess.SendAsync("tess");
            await tess.ExpectAsync("*** Welcome, tess!");
            Assert.Equal(11, limiter.ActiveConnections);
        }
        finally
        {
            silent.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public async Task ATlsPeerGetsTheCloseAlertNotAnUnexpectedEof()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        using var openssl = Process.Start(new ProcessStartInfo("/usr/bin/openssl", ["s_client", "-connect", $"127.0.0.1:{server.TlsPort}", "-quiet"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var errors = openssl.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await openssl.StandardInput.WriteLineAsync("olivia\n/quit");
            await openssl.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            var output = await openssl.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);

            Assert.EndsWith("*** Goodbye!\n", output, StringComparison.Ordinal);
            await openssl.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("unexpected eof", await errors, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!openssl.HasExited)
            {
                openssl.Kill();
            }
        }
    }
}
