using Chat.Host;

if (args is [DevCertCommand.Name, .. var rest])
{
    return await DevCertCommand.RunAsync(rest, Console.Out);
}

await ChatHost.Build(args).RunAsync();
return 0;
