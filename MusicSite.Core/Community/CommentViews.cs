using System.Text.Json.Serialization;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>A timed comment as readers see it (the field names of the API). A top comment carries its replies,
/// oldest first; a reply carries none and its parent's moment.</summary>
public sealed record CommentView(int Id, int TrackId, int? ParentCommentId, string Content, double Timestamp,
    UploaderRef Author, DateTime CreatedAt, DateTime? EditedAt, IReadOnlyList<CommentView> Replies)
{
    /// <summary>The viewer wrote it: they may edit it.</summary>
    [JsonIgnore] public bool MayEdit { get; init; }
    /// <summary>The viewer wrote it, owns the track, or is an admin: they may delete it.</summary>
    [JsonIgnore] public bool MayDelete { get; init; }
}

/// <summary>One page of a track's threads (top comments by moment, each with its replies), and how many threads in all.</summary>
public sealed record CommentPage(IReadOnlyList<CommentView> Threads, int Total);

/// <summary>A top comment's place on the waveform: the moment, and who said it (for the marker's label).</summary>
public sealed record CommentMarker(int Id, double Timestamp, string AuthorName);

/// <summary>What a comment is pinned to: the track's id, length and owner as the viewer may see it.</summary>
public sealed record CommentTarget(int TrackId, string Title, double? DurationSeconds, int UploaderId, bool IsPublic);
