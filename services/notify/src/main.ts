import { runService } from '@fg/platform';
import { AppModule } from './app.module';
import { NOTIFY_APP, NOTIFY_DEFAULT_PORT } from './app-info';

void runService(AppModule, NOTIFY_APP, NOTIFY_DEFAULT_PORT);
