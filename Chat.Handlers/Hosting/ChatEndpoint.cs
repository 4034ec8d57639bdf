namespace Chat.Handlers.Hosting;

/// <summary>A Kestrel endpoint (<c>Kestrel:Endpoints:NAME</c>) served by a front, registered by the front's <c>Add…Front()</c>.</summary>
/// <param name="Tls">
/// A TLS endpoint (<c>ChatTls</c>, <c>IrcTls</c>): it must have an https URL, and gets its certificate by the rules of
/// <see cref="Tls.ChatTlsEndpoint"/> (its own, else the development certificate, else it is left out with a warning).
/// </param>
public sealed record ChatEndpoint(string Name, Type Front, bool Tls = false);
