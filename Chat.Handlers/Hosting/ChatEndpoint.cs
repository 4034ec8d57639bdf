namespace Chat.Handlers.Hosting;

/// <summary>A Kestrel endpoint (<c>Kestrel:Endpoints:NAME</c>) served by a front, registered by the front's <c>Add…Front()</c>.</summary>
public sealed record ChatEndpoint(string Name, Type Front);
