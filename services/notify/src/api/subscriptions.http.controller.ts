import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, notFound, Roles } from '@fg/platform';
import { SubscriptionsService } from '../application/subscriptions.service';
import { CreateSubscriptionRequest, DeliveriesQuery, ReplayRequest } from './notify.request.dto';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => notFound('Subscription', 'with this id', 'SUBSCRIPTION.NOT_FOUND'),
});

@ApiTags('subscriptions')
@Controller('api/v1/subscriptions')
export class SubscriptionsHttpController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Subscribe a partner to the dossier status changes of units (signed webhooks; https only outside local development). The secret is shown once.',
  })
  create(@Body() body: CreateSubscriptionRequest, @CurrentUser() user: AuthUser) {
    return this.subscriptions.create(body, user.sub);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Subscriptions (without secrets)' })
  list() {
    return this.subscriptions.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Stop a subscription (its log stays)' })
  async remove(@Param('id', uuid) id: string) {
    await this.subscriptions.deactivate(id);
  }

  @Get(':id/deliveries')
  @Roles('admin')
  @ApiOperation({ summary: "A subscription's deliveries in order; status=DEAD for the dead-lettered ones" })
  deliveries(@Param('id', uuid) id: string, @Query() q: DeliveriesQuery) {
    return this.subscriptions.deliveries(id, q.status ?? null, q.limit);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Send dead-lettered deliveries again, in their order (all, or the given message ids)',
  })
  replay(@Param('id', uuid) id: string, @Body() body: ReplayRequest) {
    return this.subscriptions.replay(id, body.messageIds ?? null);
  }
}
