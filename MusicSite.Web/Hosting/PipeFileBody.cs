using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace MusicSite.Web.Hosting;

/// <summary>
/// The response body with a cheaper way of sending a file. Kestrel has no sendfile: its fallback reads 16 KiB at a
/// time through a FileStream and writes each piece through the response stream (and any wrapper of it), flushing
/// after every 16 KiB. This reads 64 KiB per system call into one buffer per request and hands it to the
/// connection's pipe with one write and flush: a quarter of the reads, writes and flushes. Everything else (headers,
/// ranges, HEAD, conditional requests) stays with the framework's file result, which calls <see cref="SendFileAsync"/>
/// only for the bytes it decided to send.
/// </summary>
/// <remarks>
/// Reading straight into the pipe's memory (<c>GetMemory(64 KiB)</c>) would save one more copy, and was measured:
/// Kestrel's pool hands out 4 KiB blocks, so a larger request makes the pipe rent a fresh 64 KiB array for every
/// write, and with 500 slow listeners the site's memory went from 287 MB to 463 MB (docs/decisions/0046). One
/// pooled 64 KiB buffer per request, off the large object heap, keeps memory where it was. Kestrel itself buffers up to
/// MaxResponseBufferSize (64 KiB) per connection before it waits for the client.
/// </remarks>
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
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (remaining > 0)
            {
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), offset, cancellationToken);
                if (read == 0)
                {
                    // Stored files are written once and moved into place; a shorter file is a fault, never silently padded.
                    throw new IOException($"The file ended {remaining} bytes before the length that was announced.");
                }
                offset += read;
                remaining -= read;
                var flushed = await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
