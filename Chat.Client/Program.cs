using Chat.Client.Terminal;

return await ClientCommandLine.Create().Parse(args).InvokeAsync();
