namespace Chat.Handlers.Pipeline;

/// <summary>A step of the chat pipeline, as <c>RequestDelegate</c> is for HTTP.</summary>
public delegate ValueTask ChatDelegate(ChatContext context);
