using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace MusicSite.Web.Hosting;

/// <summary>
/// The response body with a faster way of sending a file. Kestrel has no sendfile: its fallback reads 16 KiB into a
/// buffer of its own, copies that into the connection's pipe and flushes, 16 KiB at a time. This reads the file
/// straight into the pipe's memory, 64 KiB per read and flush: one copy of every byte fewer and a quarter of the
/// system calls and flushes. Everything else (headers, ranges, HEAD, conditional requests) stays with the framework's
/// file result, which calls <see cref="SendFileAsync"/> only for the bytes it decided to send.
/// </summary>
/// <remarks>64 KiB keeps each read's buffer out of the large object heap, and is what Kestrel buffers per connection
/// before it waits for the client (MaxResponseBufferSize): a slow listener holds about two of them, never more.</remarks>
public sealed class PipeFileBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    public const int ChunkBytes = 64 * 1024;

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var remaining = count ?? RandomAccess.GetLength(file) - offset;
        var writer = inner.Writer;
        while (remaining > 0)
        {
            var memory = writer.GetMemory(ChunkBytes);
            if (memory.Length > remaining)
            {
                memory = memory[..(int)remaining];
            }
            var read = await RandomAccess.ReadAsync(file, memory, offset, cancellationToken);
            if (read == 0)
            {
                // Stored files are written once and moved into place; a shorter file is a fault, never silently padded.
                throw new IOException($"The file ended {remaining} bytes before the length that was announced.");
            }
            writer.Advance(read);
            offset += read;
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }
}
