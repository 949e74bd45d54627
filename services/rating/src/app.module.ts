import { Module } from '@nestjs/common';
import { PlatformModule } from '@fg/platform';
import { UnitsHttpController } from './api/units/units.http.controller';
import { UnitRegistryService } from './application/unit-registry.service';
import { UnitRegistry1730000100000 } from './persistence/migrations/1730000100000-unit-registry';
import { UnitRegistryRepository } from './persistence/unit-registry.repository';
import { UnitRegistrySchema } from './persistence/unit-registry.schema';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'rating',
      entities: [UnitRegistrySchema],
      migrations: [UnitRegistry1730000100000],
      unitAncestry: UnitRegistryRepository,
      errorCodeKinds: { 'UNIT.UNKNOWN_PARENT': 'INVALID', 'UNIT.CYCLE': 'INVALID', 'UNIT.BAD_LEVEL': 'INVALID' },
    }),
  ],
  controllers: [UnitsHttpController],
  providers: [UnitRegistryRepository, UnitRegistryService],
})
export class AppModule {}
