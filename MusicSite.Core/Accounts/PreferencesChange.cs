namespace MusicSite.Accounts;

/// <summary>
/// What a user asks to change in their settings. A field left null stays as it is. <see cref="Theme"/> and
/// <see cref="StreamQuality"/> are names (<c>dark</c>, <c>lossless</c>); <see cref="Mail"/> maps kind names
/// (<c>comment-received</c>) to on or off, and with <see cref="ReplaceMail"/> every kind it does not turn on is off.
/// </summary>
public sealed record PreferencesChange
{
    public string? Theme { get; init; }
    public string? StreamQuality { get; init; }
    public IReadOnlyDictionary<string, bool>? Mail { get; init; }
    public bool ReplaceMail { get; init; }
    public bool? ProfilePublic { get; init; }
    public bool? LikesPublic { get; init; }
    public bool? FollowsPublic { get; init; }
}

/// <summary>A user's settings with their mail opt-ins, as the settings page and the API show them.</summary>
public sealed record PreferencesView(UserPreferences Settings, IReadOnlySet<Notifications.NotificationKind> MailKinds);
