using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Gateway;

/// <summary>A logger provider that keeps every entry in memory, so a test can check what was logged.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries.ToArray();

    /// <summary>The categories that began a log scope, one entry per scope.</summary>
    public IReadOnlyCollection<string> Scopes => _scopes.ToArray();

    private readonly ConcurrentQueue<string> _scopes = new();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(categoryName, _entries, _scopes);

    public void Dispose() { }

    public sealed record LogEntry(string Category, LogLevel Level, string Message);

    private sealed class SinkLogger(string category, ConcurrentQueue<LogEntry> entries, ConcurrentQueue<string> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            scopes.Enqueue(category);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
    }
}
