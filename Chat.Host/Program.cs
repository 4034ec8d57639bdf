using Chat.Host;

if (args is [DevCertCommand.Name, .. var rest])
{
    return await DevCertCommand.RunAsync(rest, Console.Out);
}

return await ServerCommand.RunAsync(args);
