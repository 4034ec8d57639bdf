using Chat.Handlers.History;
using Chat.Host;

if (args is [DevCertCommand.Name, .. var rest])
{
    return await DevCertCommand.RunAsync(rest, Console.Out);
}

WebApplication app;
try
{
    app = ChatHost.Build(args);
    // The store opens while the app is built (the endpoints' handler needs it), or here at the latest: before anything starts.
    app.Services.GetService<IHistoryStore>();
}
catch (HistoryStoreUnavailableException exception)
{
    // A database that cannot be used is one line for the operator, not a stack trace.
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}

await app.RunAsync();
return 0;
