using JugendLab.Orchestrator.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ChatNoticeConfiguration : IEntityTypeConfiguration<ChatNotice>
{
    public void Configure(EntityTypeBuilder<ChatNotice> notice)
    {
        notice.Property(n => n.Audience).HasMaxLength(16);
        notice.Property(n => n.Text).HasMaxLength(ChatNotice.MaxTextLength);
        notice.Property(n => n.LastError).HasMaxLength(ChatNotice.MaxErrorLength);
        notice.Ignore(n => n.RoomKey);
        notice.Ignore(n => n.TransactionId);
        notice.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
    }
}

internal sealed class ChatRoomConfiguration : IEntityTypeConfiguration<ChatRoom>
{
    public void Configure(EntityTypeBuilder<ChatRoom> room)
    {
        room.HasKey(r => r.Key);
        room.Property(r => r.Key).HasMaxLength(32);
        room.Property(r => r.RoomId).HasMaxLength(255);
    }
}
