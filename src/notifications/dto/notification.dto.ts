import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/is-optional-non-null';
import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryStatus,
} from '../domain/reminder-rules';

export class InboxQueryDto {
  @ApiPropertyOptional({ default: 50 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unreadOnly?: boolean;
}

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty() category!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true }) link!: string | null;
  @ApiProperty({ nullable: true }) readAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class InboxDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() unreadCount!: number;
}

const channels = () => [
  ApiPropertyOptional({ enum: DELIVERY_CHANNELS, isArray: true }),
  IsOptionalNonNull(),
  IsArray(),
  ArrayMaxSize(2),
  IsIn(DELIVERY_CHANNELS, { each: true }),
];
const apply =
  (ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

/** Channels beside the inbox per category; an empty list unsubscribes from that category. */
export class ChannelChoicesDto {
  @apply(channels()) REALISATION?: DeliveryChannel[];
  @apply(channels()) EVALUATION?: DeliveryChannel[];
  @apply(channels()) PK?: DeliveryChannel[];
  /** The weekly completeness digest (region admins). */
  @apply(channels()) DIGEST?: DeliveryChannel[];
}

export class PutPreferencesDto {
  /** Where e-mail goes; null removes it. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  /** Number for the gateway (WhatsApp-style), digits with an optional leading +; null removes it. */
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(/^\+?[0-9]{8,15}$/) phone?: string | null;
  @ApiPropertyOptional({ type: ChannelChoicesDto })
  @IsOptionalNonNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelChoicesDto)
  channels?: ChannelChoicesDto;
}

export class PreferencesDto {
  @ApiProperty({ nullable: true }) email!: string | null;
  @ApiProperty({ nullable: true }) phone!: string | null;
  @ApiProperty({ type: ChannelChoicesDto }) channels!: Record<string, DeliveryChannel[]>;
  @ApiProperty({ description: 'channels this server can send on' }) available!: Record<DeliveryChannel, boolean>;
}

/** `?status=FAILED` (default) — the region's deliveries in that state, newest first. */
export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, default: 'FAILED' })
  @IsOptionalNonNull()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class DeliveryDto {
  @ApiProperty() id!: string;
  @ApiProperty() notificationId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() nextAttemptAt!: string;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty({ nullable: true }) sentAt!: string | null;
  @ApiProperty() title!: string;
}
