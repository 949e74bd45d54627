import { Module } from '@nestjs/common';
import { PlatformModule } from '@fg/platform';

@Module({
  imports: [PlatformModule.forRoot({ service: 'dossier', localUnits: true })],
})
export class AppModule {}
