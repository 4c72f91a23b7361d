import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, JwtTokenService, Principal, Public, UsersService } from '@sanbao/auth';
import { ApiErrorResponses } from '../common/responses/error.response';
import { ChangePasswordDto, SignedInDto, SignInDto } from './auth.dto';
import { PrincipalResponse } from './responses/principal.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: JwtTokenService,
  ) {}

  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; answers a bearer token' })
  @ApiOkResponse({ type: SignedInDto })
  @ApiErrorResponses(401, 422, 429)
  async signIn(@Body() body: SignInDto): Promise<SignedInDto> {
    const session = await this.users.signIn(body.username, body.password);
    return { ...(await this.tokens.issue(session)), principal: { ...session.principal } };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to, with role and scope' })
  @ApiOkResponse({ type: PrincipalResponse })
  @ApiErrorResponses(401)
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password; every earlier token stops working' })
  @ApiNoContentResponse({ description: 'changed; sign in again' })
  @ApiErrorResponses(401, 422)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.users.changeOwnPassword(principal.userId, body.currentPassword, body.newPassword);
  }
}
