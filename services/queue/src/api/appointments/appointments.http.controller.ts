import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CorrelationId, CurrentUser, Public, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import type { Request } from 'express';
import { toString as qrToString } from 'qrcode';
import { AppointmentService } from '../../application/appointments/appointment.service';
import { validateAppointmentSettings } from '../../domain/appointments/appointment-settings';
import type { AppointmentRow } from '../../persistence/appointments/appointment.repository';
import { ServiceCodePipe } from '../path-params';
import {
  BookAppointmentRequest,
  CheckInRequest,
  MoveAppointmentRequest,
  PutAppointmentSettingsRequest,
  SlotsQuery,
} from './appointment.request.dto';
import { appointmentView } from './appointment.view';

const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Appointments (issue #19): slots are public; a booking is made by the provincial portal (`portal` token) or
 * on the public page /book/{unitCode}; the booking code is the citizen's handle to see, move or cancel it;
 * the kiosk checks it in.
 */
@ApiTags('appointments')
@Controller('api/v1')
export class AppointmentsHttpController {
  constructor(private readonly appointments: AppointmentService) {}

  @Get('units/:unitCode/services/:serviceCode/slots')
  @Public()
  @UnitScoped('unitCode')
  @ApiOperation({ summary: 'Bookable slots of a local day with their free places' })
  async slots(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Param('serviceCode', ServiceCodePipe) serviceCode: string,
    @Query() q: SlotsQuery,
  ) {
    return {
      unitCode,
      serviceCode,
      date: q.date,
      slots: await this.appointments.slots(unitCode, serviceCode, q.date),
    };
  }

  @Get('public/units/:unitCode/services')
  @Public()
  @UnitScoped('unitCode')
  @ApiOperation({ summary: 'The services of a unit one can book (active service queues): code and name' })
  async services(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return { unitCode, items: await this.appointments.bookableServices(unitCode) };
  }

  @Post('units/:unitCode/appointments')
  @Roles('portal')
  @UnitScoped('unitCode', { active: true })
  @ApiOperation({ summary: 'Book a slot for a citizen (the provincial portal)' })
  @ApiCreatedResponse({ description: '{id, code, slotStart, slotEnd, localStart, status, qr, qrSvg}' })
  async bookByPortal(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: BookAppointmentRequest,
    @CorrelationId() correlationId: string,
  ) {
    return this.booked(
      await this.appointments.book({ ...this.bookRequest(unitCode, body), channel: 'PORTAL', correlationId }),
    );
  }

  @Post('public/units/:unitCode/appointments')
  @Public()
  @UnitScoped('unitCode', { active: true })
  @ApiOperation({ summary: 'Book a slot on the public page (rate-limited per client address)' })
  @ApiCreatedResponse({ description: '{id, code, slotStart, slotEnd, localStart, status, qr, qrSvg}' })
  async bookPublic(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: BookAppointmentRequest,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
  ) {
    return this.booked(
      await this.appointments.book({
        ...this.bookRequest(unitCode, body),
        channel: 'PUBLIC_PAGE',
        clientAddress: clientAddress(req),
        correlationId,
      }),
    );
  }

  @Get('public/appointments/:code')
  @Public()
  @ApiOperation({ summary: 'A booking by its code (date, time, office, status)' })
  async view(@Param('code') code: string) {
    return appointmentView(await this.appointments.view(code));
  }

  @Post('public/appointments/:code/cancel')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a booking by its code; the place is free again at once' })
  async cancel(@Param('code') code: string, @CorrelationId() correlationId: string) {
    return appointmentView(await this.appointments.cancel(code, correlationId));
  }

  @Post('public/appointments/:code/move')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a booking to another slot of the same service (same code)' })
  async move(
    @Param('code') code: string,
    @Body() body: MoveAppointmentRequest,
    @CorrelationId() correlationId: string,
  ) {
    return appointmentView(await this.appointments.move(code, new Date(body.slotStart), correlationId));
  }

  @Post('units/:unitCode/appointments/check-in')
  @Roles('kiosk')
  @UnitScoped('unitCode', { active: true })
  @ApiOperation({
    summary:
      'Check in with the booking code at the kiosk: an APPOINTMENT ticket within the window, a walk-in ticket after the grace time',
  })
  @ApiCreatedResponse({
    description: '{outcome, appointment, ticket: {id, number, position, estimatedWaitMinutes}}',
  })
  async checkIn(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: CheckInRequest,
    @CorrelationId() correlationId: string,
    @CurrentUser() user: AuthUser,
  ) {
    const { appointment, outcome, issued } = await this.appointments.checkIn(
      unitCode,
      body.code,
      user.sub,
      correlationId,
    );
    const t = issued.ticket;
    return {
      outcome,
      appointment: appointmentView(appointment),
      ticket: {
        id: t.id,
        number: t.number,
        serviceCode: t.serviceCode,
        priority: t.priority,
        issuedAt: t.issuedAt,
        position: issued.position,
        estimatedWaitMinutes: issued.estimatedWaitMinutes,
      },
    };
  }

  @Get('units/:unitCode/appointment-settings')
  @Roles('unit-admin', 'officer', 'viewer')
  @UnitScoped('unitCode')
  @ApiOperation({ summary: "The unit's appointment settings (the defaults until set)" })
  async getSettings(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return { unitCode, ...(await this.appointments.settings(unitCode)) };
  }

  @Put('units/:unitCode/appointment-settings')
  @Roles('unit-admin')
  @UnitScoped('unitCode')
  @ApiOperation({
    summary: 'Set slot length, walk-in reserve, check-in window, grace, tolerance, per-person limit',
  })
  @ApiOkResponse({ description: 'The settings now in force' })
  async putSettings(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: PutAppointmentSettingsRequest,
  ) {
    const settings = validateAppointmentSettings({ ...body });
    await this.appointments.saveSettings(unitCode, settings);
    return { unitCode, ...settings };
  }

  private bookRequest(unitCode: string, body: BookAppointmentRequest) {
    return {
      unitCode,
      serviceCode: body.serviceCode,
      slotStart: new Date(body.slotStart),
      phone: body.phone,
      idNumber: body.idNumber,
    };
  }

  private async booked(a: AppointmentRow) {
    return { ...appointmentView(a), qrSvg: await qrToString(a.code, { type: 'svg', margin: 1 }) };
  }
}
