import { runService } from '@fg/platform';
import { AppModule } from './app.module';
import { DOSSIER_APP, DOSSIER_DEFAULT_PORT } from './app-info';

void runService(AppModule, DOSSIER_APP, DOSSIER_DEFAULT_PORT);
