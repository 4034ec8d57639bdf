using System.CommandLine;
using System.Net.Sockets;
using Chat.Client.Bots;
using Chat.Client.Files;
using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Terminal;

/// <summary>
/// The command line: <c>[--host H] [--port P] [--tls | --pin SHA256] [--name N] [--room R]...</c> runs the terminal
/// client (interactive on a terminal, line by line when input is piped); <c>bot NAME</c> runs a shipped bot.
/// Exit codes: 0 done, 1 cannot connect, 2 name refused, 3 the server's certificate refused.
/// </summary>
public static class ClientCommandLine
{
    private static readonly Option<string> Host = new("--host")
    {
        Description = "Chat server host name or address",
        DefaultValueFactory = _ => ChatClientOptions.DefaultHost,
        Recursive = true,
    };

    private static readonly Option<int> Port = CreatePort();

    private static readonly Option<string?> Name = CreateName();

    private static readonly Option<string[]> Rooms = new("--room", "-r")
    {
        Description = "Room to join after connecting; repeat for more",
        Recursive = true,
    };

    private static readonly Option<bool> Tls = new("--tls")
    {
        Description = $"Connect over TLS, validating the server's certificate normally (the TLS port is usually {ChatClientOptions.DefaultTlsPort})",
        Recursive = true,
    };

    private static readonly Option<string?> Pin = CreatePin();

    private static readonly Option<int> MaxFileBytes = CreateMaxFileBytes();

    private static readonly Option<string> Downloads = new("--downloads")
    {
        Description = "Folder where /save puts received files (default: your downloads folder)",
        HelpName = "DIR",
        DefaultValueFactory = _ => DownloadsFolder.Default(),
    };

    private static readonly Argument<string> BotName = CreateBotName();

    public static RootCommand Create()
    {
        var root = new RootCommand("ChatApp terminal client. Interactive on a terminal; with piped input it sends each line, " +
            "prints each event as one line, and exits at the end of input.")
        {
            Host, Port, Tls, Pin, Name, Rooms, MaxFileBytes, Downloads,
        };
        root.SetAction(RunTerminalAsync);

        var bot = new Command("bot", "Run a bot: " + string.Join("; ", BotCatalog.Bots.Select(b => $"{b.Key} ({b.Value.Description})")))
        {
            BotName,
        };
        bot.SetAction(RunBotAsync);
        root.Add(bot);
        return root;
    }

    private static async Task<int> RunTerminalAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var options = ClientOptions(parse, parse.GetValue(Name) ?? DefaultUserName());
        var rooms = parse.GetValue(Rooms) ?? [];
        var downloads = parse.GetValue(Downloads)!;
        return await ReportFailuresAsync(options, () => Console.IsInputRedirected
            ? new PlainTerminal(new StreamReader(Console.OpenStandardInput(), Console.InputEncoding), Console.Out, Console.Error, downloads)
                .RunAsync(options, rooms, cancellationToken)
            : new InteractiveTerminal(TimeProvider.System, downloads).RunAsync(options, rooms, cancellationToken));
    }

    private static async Task<int> RunBotAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var entry = BotCatalog.Bots[parse.GetValue(BotName)!];
        var options = ClientOptions(parse, parse.GetValue(Name) ?? entry.DefaultName);
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));
        var bot = new ChatBot(options, new BotOptions { Rooms = parse.GetValue(Rooms) ?? [] }, loggers);
        entry.Configure(bot);
        return await ReportFailuresAsync(options, async () =>
        {
            await bot.RunAsync(cancellationToken);
            return 0;
        });
    }

    private static async Task<int> ReportFailuresAsync(ChatClientOptions options, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (ChatRegistrationException ex)
        {
            await Console.Error.WriteLineAsync($"chat: {ex.Message} Choose another with --name NAME.");
            return 2;
        }
        catch (ChatCertificateException ex)
        {
            await Console.Error.WriteLineAsync($"chat: not connecting to {options.Host}:{options.Port}: {ex.Message}");
            return 3;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException or IOException and not (FileNotFoundException or FileLoadException))
        {
            await Console.Error.WriteLineAsync($"chat: cannot connect to {options.Host}:{options.Port}: {ex.Message}");
            return 1;
        }
    }

    private static ChatClientOptions ClientOptions(ParseResult parse, string name) =>
        new(parse.GetValue(Host)!, parse.GetValue(Port), name)
        {
            Tls = parse.GetValue(Tls),
            Pin = parse.GetValue(Pin),
            MaxPayloadBytes = parse.GetValue(MaxFileBytes),
        };

    /// <summary>The login name, cut down to what the server accepts in a name.</summary>
    private static string DefaultUserName()
    {
        var name = new string([.. Environment.UserName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(24)]);
        return name.Length > 0 ? name : "guest";
    }

    private static Option<int> CreatePort()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = $"Chat server port ({ChatClientOptions.DefaultTlsPort} is the usual TLS port)",
            DefaultValueFactory = _ => ChatClientOptions.DefaultPort,
            Recursive = true,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port must be from 1 to 65535.");
            }
        });
        return port;
    }

    private static Option<string?> CreatePin()
    {
        var pin = new Option<string?>("--pin")
        {
            Description = "Accept exactly the server certificate with this SHA-256 fingerprint (self-signed servers log it at start); implies --tls",
            HelpName = "SHA256",
            Recursive = true,
        };
        pin.Validators.Add(result =>
        {
            if (!CertificateFingerprint.TryParse(result.GetValueOrDefault<string?>(), out _))
            {
                result.AddError("--pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed.");
            }
        });
        return pin;
    }

    private static Option<int> CreateMaxFileBytes()
    {
        var max = new Option<int>("--max-file-bytes")
        {
            Description = "Largest file to send or receive; match the server's Chat:MaxPayloadBytes",
            HelpName = "BYTES",
            DefaultValueFactory = _ => ChatClientOptions.DefaultMaxPayloadBytes,
            Recursive = true,
        };
        max.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 256 * 1024 * 1024)
            {
                result.AddError("--max-file-bytes must be from 0 to 268435456.");
            }
        });
        return max;
    }

    private static Option<string?> CreateName()
    {
        var name = new Option<string?>("--name", "-n")
        {
            Description = "Name to register (default: your login name; a bot's own name for bots)",
            Recursive = true,
        };
        name.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError("--name must not be empty.");
            }
        });
        return name;
    }

    private static Argument<string> CreateBotName()
    {
        var name = new Argument<string>("name") { Description = "Which bot: " + string.Join(", ", BotCatalog.Bots.Keys) };
        name.AcceptOnlyFromAmong([.. BotCatalog.Bots.Keys]);
        return name;
    }
}
