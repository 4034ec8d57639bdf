using System.Net;
using Chat.Handlers.History;
using Microsoft.AspNetCore.Connections;

namespace Chat.Host;

/// <summary>
/// Runs the server until it stops. An endpoint whose address is taken is one line naming the endpoint, the address
/// and the option that moves it, and exit code 1: not the host's stack trace (<see cref="IsAddressInUse"/>). So is a
/// history database that cannot be used.
/// </summary>
public static partial class ServerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpoints = new Dictionary<string, EndPoint>();
        WebApplication built;
        try
        {
            built = ChatHost.Build(args, (name, listen) => endpoints[name] = listen.EndPoint);
            // The store opens while the app is built (the endpoints' handler needs it), or here at the latest: before anything starts.
            built.Services.GetService<IHistoryStore>();
        }
        catch (HistoryStoreUnavailableException exception)
        {
            // A database that cannot be used is one line for the operator; no logger exists yet to say it through.
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }

        await using var app = built;
        try
        {
            // Not RunAsync: it disposes the host, and its logger with it, before a failure can be told.
            await app.StartAsync();
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (IOException ex) when (IsAddressInUse(ex))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServerCommand).FullName!);
            // Kestrel names the address it failed to bind, not the endpoint.
            if (endpoints.FirstOrDefault(e => ex.Message.Contains(e.Value.ToString()!, StringComparison.Ordinal)) is ({ } name, { } address))
            {
                Log.AddressInUse(logger, address, name, CommandLineShortcuts.HowToMove(name));
            }
            else
            {
                Log.BindFailed(logger, ex.Message);
            }

            return 1;
        }
    }

    /// <summary>Kestrel's failure to bind an address in use.</summary>
    public static bool IsAddressInUse(Exception? exception) => exception is IOException { InnerException: AddressInUseException };

    private static partial class Log
    {
        [LoggerMessage(600, LogLevel.Critical,
            "Cannot listen on {Address} for the {Endpoint} endpoint: the address is in use (is another server running?). Move it with {Option}.")]
        public static partial void AddressInUse(ILogger logger, EndPoint address, string endpoint, string option);

        [LoggerMessage(601, LogLevel.Critical, "{Error} Is another server running?")]
        public static partial void BindFailed(ILogger logger, string error);
    }
}
