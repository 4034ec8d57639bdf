namespace Chat.Handlers.History;

/// <summary>
/// The history database cannot be used at startup (locked, corrupt or not writable). <see cref="Exception.Message"/>
/// is one line naming the file and what to do, fit to print before exiting.
/// </summary>
public sealed class HistoryStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
