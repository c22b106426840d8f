using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Stems with their files, declared lineage links between tracks, stem uses, and in-app notifications.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261130160000_StemsAndLineage")]
public sealed class StemsAndLineage : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Stems", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            InstrumentTypeId = t.Column<int>("INTEGER", nullable: false),
            Key = t.Column<string>("TEXT", maxLength: 4, nullable: true),
            Bpm = t.Column<int>("INTEGER", nullable: true),
            LicenseId = t.Column<int>("INTEGER", nullable: false),
            RemixAllowed = t.Column<bool>("INTEGER", nullable: false),
            CommercialAllowed = t.Column<bool>("INTEGER", nullable: false),
            AttributionRequired = t.Column<bool>("INTEGER", nullable: false),
            IsDownloadable = t.Column<bool>("INTEGER", nullable: false),
            UploaderId = t.Column<int>("INTEGER", nullable: false),
            MediaFolder = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            OriginalFileName = t.Column<string>("TEXT", maxLength: 255, nullable: true),
            DurationSeconds = t.Column<double>("REAL", nullable: true),
            WaveformPath = t.Column<string>("TEXT", maxLength: 200, nullable: true),
            State = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            ProcessingProgress = t.Column<int>("INTEGER", nullable: false),
            ProcessingStep = t.Column<string>("TEXT", maxLength: 40, nullable: true),
            ProcessingError = t.Column<string>("TEXT", maxLength: 1000, nullable: true),
            ProcessingAttempts = t.Column<int>("INTEGER", nullable: false),
            DownloadCount = t.Column<int>("INTEGER", nullable: false),
            ProcessedAt = t.Column<DateTime>("TEXT", nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
            DeletedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Stems", x => x.Id);
            t.ForeignKey("FK_Stems_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Stems_InstrumentTypes_InstrumentTypeId", x => x.InstrumentTypeId, "InstrumentTypes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Stems_Licenses_LicenseId", x => x.LicenseId, "Licenses", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Stems_AspNetUsers_UploaderId", x => x.UploaderId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_Stems_TrackId", "Stems", "TrackId");
        mb.CreateIndex("IX_Stems_InstrumentTypeId", "Stems", "InstrumentTypeId");
        mb.CreateIndex("IX_Stems_LicenseId", "Stems", "LicenseId");
        mb.CreateIndex("IX_Stems_UploaderId", "Stems", "UploaderId");
        mb.CreateIndex("IX_Stems_CreatedAt", "Stems", "CreatedAt");

        mb.CreateTable("StemFiles", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            StemId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Codec = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            ContentType = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            BitrateKbps = t.Column<int>("INTEGER", nullable: true),
            SampleRate = t.Column<int>("INTEGER", nullable: true),
            Channels = t.Column<int>("INTEGER", nullable: true),
            SizeBytes = t.Column<long>("INTEGER", nullable: false),
            RelativePath = t.Column<string>("TEXT", maxLength: 300, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StemFiles", x => x.Id);
            t.ForeignKey("FK_StemFiles_Stems_StemId", x => x.StemId, "Stems", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_StemFiles_StemId_Kind", "StemFiles", ["StemId", "Kind"], unique: true);

        mb.CreateTable("TrackRelations", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            OriginalId = t.Column<int>("INTEGER", nullable: false),
            DerivativeId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            RequestedById = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            AnsweredAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackRelations", x => x.Id);
            t.ForeignKey("FK_TrackRelations_Tracks_OriginalId", x => x.OriginalId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrackRelations_Tracks_DerivativeId", x => x.DerivativeId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_TrackRelations_OriginalId_DerivativeId", "TrackRelations", ["OriginalId", "DerivativeId"], unique: true);
        mb.CreateIndex("IX_TrackRelations_DerivativeId_Status", "TrackRelations", ["DerivativeId", "Status"]);
        mb.CreateIndex("IX_TrackRelations_OriginalId_Status", "TrackRelations", ["OriginalId", "Status"]);

        mb.CreateTable("StemUsages", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            StemId = t.Column<int>("INTEGER", nullable: false),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Status = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            RequestedById = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            AnsweredAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StemUsages", x => x.Id);
            t.ForeignKey("FK_StemUsages_Stems_StemId", x => x.StemId, "Stems", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_StemUsages_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_StemUsages_StemId_TrackId", "StemUsages", ["StemId", "TrackId"], unique: true);
        mb.CreateIndex("IX_StemUsages_TrackId_Status", "StemUsages", ["TrackId", "Status"]);

        mb.CreateTable("Notifications", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            ActorId = t.Column<int>("INTEGER", nullable: true),
            Text = t.Column<string>("TEXT", maxLength: 400, nullable: false),
            Link = t.Column<string>("TEXT", maxLength: 300, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            ReadAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notifications", x => x.Id);
            t.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Notifications_UserId_CreatedAt", "Notifications", ["UserId", "CreatedAt"]);
        mb.CreateIndex("IX_Notifications_UserId_ReadAt", "Notifications", ["UserId", "ReadAt"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("Notifications");
        mb.DropTable("StemUsages");
        mb.DropTable("TrackRelations");
        mb.DropTable("StemFiles");
        mb.DropTable("Stems");
    }
}
