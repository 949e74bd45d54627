import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, UnitCodePipe, UnitScoped } from '@fg/platform';
import { TemplatesService } from '../application/templates.service';
import { SaveTemplateRequest } from './notify.request.dto';

@ApiTags('templates')
@Controller('api/v1/units/:unitCode/templates')
@UnitScoped('unitCode')
export class TemplatesHttpController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Roles('unit-admin')
  @ApiOperation({
    summary:
      "The unit's and the national templates, every version, with the sample rendering and SMS segments",
  })
  list(@Param('unitCode', UnitCodePipe) unitCode: string) {
    return this.templates.list(unitCode);
  }

  @Post()
  @Roles('unit-admin')
  @ApiOperation({
    summary:
      "A new version of the unit's template of a kind and channel (400 when it does not render with the kind's sample data)",
  })
  save(
    @Param('unitCode', UnitCodePipe) unitCode: string,
    @Body() body: SaveTemplateRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.templates.save(
      {
        kind: body.kind,
        channel: body.channel,
        unitCode,
        subject: body.subject ?? null,
        body: body.body,
        smsAscii: body.channel === 'SMS' ? body.smsAscii : false,
      },
      user.sub,
    );
  }
}
