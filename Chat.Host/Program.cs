using Chat.Host;

await ChatHost.Build(args).RunAsync();
